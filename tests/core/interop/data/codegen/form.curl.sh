curl \
  --data-urlencode 'user=Ada Lovelace' \
  --data-urlencode 'lang=C++ & more' \
  -L \
  --max-time 30 \
  -- 'https://api.example.com/login'

http --ignore-stdin --form \
  --follow \
  --timeout 30 \
  -- POST 'https://api.example.com/login' \
  'user=Ada Lovelace' \
  'lang=C++ & more'

http --ignore-stdin --form POST 'https://api.example.com/login' \
  'user=Ada Lovelace' \
  'lang=C++ & more' \
  --follow \
  --timeout 30

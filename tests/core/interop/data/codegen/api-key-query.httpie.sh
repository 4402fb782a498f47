http --ignore-stdin GET 'https://api.example.com/search?lang=en' \
  'api_key==k/123' \
  --follow \
  --timeout 30

http --ignore-stdin \
  --follow \
  --timeout 30 \
  -- GET 'https://api.example.com/search?lang=en' \
  'api_key==k/123'

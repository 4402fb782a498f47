http --ignore-stdin GET 'https://api.example.com/search' \
  'X-Api-Key:k/123' \
  --follow \
  --timeout 30

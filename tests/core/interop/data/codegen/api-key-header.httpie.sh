http --ignore-stdin \
  --follow \
  --timeout 30 \
  -- GET 'https://api.example.com/search' \
  'X-Api-Key:k/123'

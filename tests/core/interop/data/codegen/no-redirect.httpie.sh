http --ignore-stdin \
  --timeout 1.5 \
  -- GET 'https://api.example.com/short/abc'

http --ignore-stdin GET 'https://api.example.com/short/abc' \
  --timeout 1.5

curl \
  -H 'X-Api-Key: k/123' \
  -L \
  --max-time 30 \
  -- 'https://api.example.com/search'

curl 'https://api.example.com/search' \
  -H 'X-Api-Key: k/123' \
  -L \
  --max-time 30

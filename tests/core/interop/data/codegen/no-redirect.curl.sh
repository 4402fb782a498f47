curl 'https://api.example.com/short/abc' \
  --max-time 1.5

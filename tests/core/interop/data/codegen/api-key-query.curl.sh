curl 'https://api.example.com/search?lang=en&api_key=k%2F123' \
  -L \
  --max-time 30

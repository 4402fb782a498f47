curl \
  -L \
  --max-time 30 \
  -- 'https://api.example.com/search?lang=en&api_key=k%2F123'

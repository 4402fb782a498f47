curl \
  --max-time 1.5 \
  -- 'https://api.example.com/short/abc'

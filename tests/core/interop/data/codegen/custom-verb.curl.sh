curl -X PURGE \
  -L \
  --max-time 30 \
  -- 'https://cdn.example.com/assets/app.js'

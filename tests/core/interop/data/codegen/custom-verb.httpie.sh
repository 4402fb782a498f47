http --ignore-stdin \
  --follow \
  --timeout 30 \
  -- PURGE 'https://cdn.example.com/assets/app.js'

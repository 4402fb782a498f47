http --ignore-stdin PURGE 'https://cdn.example.com/assets/app.js' \
  --follow \
  --timeout 30

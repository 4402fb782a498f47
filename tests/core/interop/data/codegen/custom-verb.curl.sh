curl -X PURGE 'https://cdn.example.com/assets/app.js' \
  -L \
  --max-time 30

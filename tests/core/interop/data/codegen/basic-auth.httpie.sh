http --ignore-stdin GET 'https://api.example.com/me' \
  -a 'ada:s3cr:et' \
  --follow \
  --timeout 30

curl 'https://api.example.com/me' \
  -u 'ada:s3cr:et' \
  -L \
  --max-time 30

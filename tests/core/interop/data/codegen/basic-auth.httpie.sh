http --ignore-stdin \
  -a 'ada:s3cr:et' \
  --follow \
  --timeout 30 \
  -- GET 'https://api.example.com/me'

curl \
  -u 'ada:s3cr:et' \
  -L \
  --max-time 30 \
  -- 'https://api.example.com/me'

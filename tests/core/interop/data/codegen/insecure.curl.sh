curl \
  -L \
  -k \
  -- 'https://self-signed.test/'

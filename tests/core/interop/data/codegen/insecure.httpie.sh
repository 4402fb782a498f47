http --ignore-stdin \
  --follow \
  --verify=no \
  -- GET 'https://self-signed.test/'

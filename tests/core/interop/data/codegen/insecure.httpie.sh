http --ignore-stdin GET 'https://self-signed.test/' \
  --follow \
  --verify=no

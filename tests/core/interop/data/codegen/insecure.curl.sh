curl 'https://self-signed.test/' \
  -L \
  -k

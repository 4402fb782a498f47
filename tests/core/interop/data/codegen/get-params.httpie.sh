http --ignore-stdin GET 'https://api.example.com/users' \
  'page==2' \
  'q==a b&c=d+e' \
  'tag==ünï' \
  'tag=={{tag}}' \
  'Accept:application/json' \
  --follow \
  --timeout 30

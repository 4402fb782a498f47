http --ignore-stdin \
  --follow \
  --timeout 30 \
  -- GET 'https://api.example.com/users' \
  'page==2' \
  'q==a b&c=d+e' \
  'tag==ünï' \
  'tag=={{tag}}' \
  'Accept:application/json'

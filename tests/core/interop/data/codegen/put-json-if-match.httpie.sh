http --ignore-stdin \
  --raw '{"name":"Ada","admin":false}' \
  --follow \
  --timeout 30 \
  -- PUT 'https://api.example.com/users/1' \
  'Content-Type:application/json' \
  'If-Match:"v42"'

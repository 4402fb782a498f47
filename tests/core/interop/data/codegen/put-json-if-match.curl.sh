curl -X PUT \
  -H 'Content-Type: application/json' \
  -H 'If-Match: "v42"' \
  --data-raw '{"name":"Ada","admin":false}' \
  -L \
  --max-time 30 \
  -- 'https://api.example.com/users/1'

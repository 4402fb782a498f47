curl -X DELETE \
  -H 'Authorization: Bearer {{token}}' \
  -L \
  --max-time 30 \
  -- 'https://api.example.com/posts/7'

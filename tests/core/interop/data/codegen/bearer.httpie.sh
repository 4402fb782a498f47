http --ignore-stdin \
  --follow \
  --timeout 30 \
  -- DELETE 'https://api.example.com/posts/7' \
  'Authorization:Bearer {{token}}'

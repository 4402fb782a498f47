curl \
  -H 'Accept: application/json' \
  -L \
  --max-time 30 \
  -- 'https://api.example.com/users?page=2&q=a%20b%26c%3Dd%2Be&tag=%C3%BCn%C3%AF&tag={{tag}}'

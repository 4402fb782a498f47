curl \
  -H 'Content-Type: image/png' \
  --data-binary '@/tmp/photo.png' \
  -L \
  --max-time 30 \
  -- 'https://api.example.com/photos'

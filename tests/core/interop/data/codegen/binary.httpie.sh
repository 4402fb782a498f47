http --ignore-stdin \
  --follow \
  --timeout 30 \
  -- POST 'https://api.example.com/photos' \
  'Content-Type:image/png' \
  '@/tmp/photo.png'

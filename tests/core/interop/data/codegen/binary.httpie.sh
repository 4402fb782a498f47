http --ignore-stdin POST 'https://api.example.com/photos' \
  'Content-Type:image/png' \
  '@/tmp/photo.png' \
  --follow \
  --timeout 30

curl \
  --form-string 'title=Q3 report' \
  -F 'file=@/tmp/report.csv;type=text/csv' \
  -F 'logo=@/tmp/logo.png' \
  -L \
  --max-time 30 \
  -- 'https://api.example.com/upload'

#pragma once

#include <QImage>
#include <QWidget>

namespace Patchbay::Ui {

// An image scaled down to fit (never up), centred, over a checkerboard where it is transparent.
class ImagePreview final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImagePreview)

public:
    explicit ImagePreview(QWidget *parent = nullptr);
    ~ImagePreview() override;

    void setImage(const QImage &image);
    const QImage &image() const { return m_image; }
    // Where the image is drawn for the current size.
    QRect imageRect() const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QImage m_image;
};

} // namespace Patchbay::Ui

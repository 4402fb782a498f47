#pragma once

#include <QAbstractScrollArea>
#include <QByteArray>

namespace Patchbay::Ui {

// A hex dump (offset, 16 bytes, ASCII) painted line by line as it scrolls: no text is built
// for lines that are not on screen.
class HexView final : public QAbstractScrollArea
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HexView)

public:
    static constexpr int kBytesPerLine = 16;

    explicit HexView(QWidget *parent = nullptr);
    ~HexView() override;

    void setData(const QByteArray &data);
    const QByteArray &data() const { return m_data; }
    int lineCount() const;
    // The text of one line as painted, e.g. "00000010  89 50 4e 47 ...  .PNG....".
    QString lineText(int line) const;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateScrollBars();
    int lineHeight() const;

    QByteArray m_data;
};

} // namespace Patchbay::Ui

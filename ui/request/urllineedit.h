#pragma once

#include <QLineEdit>

namespace Patchbay::Ui {

// The URL field. A pasted curl command is handed over whole (newlines included) through
// curlPasted() instead of being flattened into the line.
class UrlLineEdit final : public QLineEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UrlLineEdit)

public:
    explicit UrlLineEdit(QWidget *parent = nullptr);
    ~UrlLineEdit() override;

signals:
    void curlPasted(const QString &command);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    // True when the clipboard holds a curl command and it was handed over.
    bool pasteCurlFromClipboard();
};

} // namespace Patchbay::Ui

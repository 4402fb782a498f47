#pragma once

#include <QDialog>

namespace Patchbay::Ui {

class CodeView;

// What changed in a refetched schema: the SDL before and after side by side, with the line
// diff's added, changed and removed lines marked (the markers of the update views).
class SchemaDiffDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchemaDiffDialog)

public:
    SchemaDiffDialog(const QString &before, const QString &after, QWidget *parent = nullptr);
    ~SchemaDiffDialog() override;

    CodeView *before() const { return m_before; }
    CodeView *after() const { return m_after; }

private:
    CodeView *m_before; // owned (child)
    CodeView *m_after; // owned (child)
};

} // namespace Patchbay::Ui

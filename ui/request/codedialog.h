#pragma once

#include "core/http/request.h"
#include "core/interop/codegen.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;

namespace Patchbay::Ui {

class CodeView;

// Shows code that sends a request, in a language the user picks (Python, curl, HTTPie, fetch,
// Qt), with a button that copies it. The last language is remembered (QSettings). Secret
// variables (setSecrets()) are read from environment variables in the code unless the user
// ticks "Include secret values", which is never remembered.
class CodeDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CodeDialog)

public:
    explicit CodeDialog(const Core::Request &request, QWidget *parent = nullptr);
    ~CodeDialog() override;

    void setRequest(const Core::Request &request);
    // The request given holds the placeholders of `secrets`; `withValues` is the same request
    // with the secret values, written only when "Include secret values" is ticked.
    void setSecrets(const Core::SecretReferences &secrets, const Core::Request &withValues);
    QCheckBox *includeSecretsBox() const { return m_includeSecrets; }
    Core::CodeLanguage language() const;
    void setLanguage(Core::CodeLanguage language);
    // The code shown (or the reason there is none).
    QString code() const;

signals:
    void copied();

private:
    void onLanguageChanged();
    void onCopy();
    void regenerate();

    Core::Request m_request;
    Core::SecretReferences m_secrets;
    Core::Request m_withSecretValues;
    QString m_code;
    bool m_codeValid = false;
    QComboBox *m_language = nullptr; // owned (child)
    CodeView *m_view = nullptr; // owned (child)
    QLabel *m_note = nullptr; // owned (child)
    QCheckBox *m_includeSecrets = nullptr; // owned (child)
    QPushButton *m_copy = nullptr; // owned (child)
};

} // namespace Patchbay::Ui

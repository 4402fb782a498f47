#pragma once

#include "core/collections/sendcontext.h"
#include "core/http/request.h"
#include "ui/request/variablehighlight.h"

#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QScrollArea;
class QStackedWidget;

namespace Patchbay::Ui {

class AuthServices;
class LineEditVariableHints;
class OAuth2Editor;
class SigningPages;

// Edits the auth of a request, folder or collection: "Inherit from parent" (requests and
// folders), no auth, Basic, Bearer, API key or OAuth 2.0. The fields of every mode are kept
// when switching, as the files keep them. With services and the item's path it names where
// the auth in effect comes from ("Bearer token, from folder Admin") and lets the OAuth 2.0
// editor show and manage its token.
class AuthEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuthEditor)

public:
    enum class Owner { Request, Folder, Collection };

    explicit AuthEditor(Owner owner = Owner::Request, QWidget *parent = nullptr);
    ~AuthEditor() override;

    Core::Auth auth() const;
    // Does not emit edited().
    void setAuth(const Core::Auth &auth);

    // The item whose auth this is (request file, folder or collection directory; empty for an
    // unsaved request), for inheritance and tokens. Null services: no source, no token panel.
    void setContext(AuthServices *services, const QString &path);
    QString contextPath() const { return m_path; }
    void setVariableLookup(const VariableLookup &lookup);

    // "Basic", "Inherit · Bearer token"...: for the tab title.
    QString summary() const;
    // Where the auth in effect comes from, as shown.
    QString sourceText() const;
    // Re-reads what is inherited (a parent's auth may have changed).
    void refreshInherited();

    QComboBox *modeCombo() const { return m_mode; }
    OAuth2Editor *oauth2Editor() const { return m_oauth2; }

    static QString modeTitle(Core::AuthMode mode);

signals:
    void edited();

protected:
    void showEvent(QShowEvent *event) override;

private:
    QWidget *formPage(QWidget **page, QFormLayout **form);
    void onEdited();
    void updatePage();
    Core::ResolvedAuth resolvedForTokens() const;

    Owner m_owner;
    AuthServices *m_services = nullptr; // not owned
    QString m_path;
    bool m_loading = false;
    Core::Auth m_base; // as given to setAuth()
    // A collection's "No auth" is written as the file had it: inherit (the default) or none.
    Core::AuthMode m_collectionNone = Core::AuthMode::Inherit;

    QComboBox *m_mode; // owned (child)
    QLabel *m_source; // owned (child)
    QStackedWidget *m_stack; // owned (child)
    QWidget *m_inheritPage = nullptr; // owned (child of the stack), like every page below
    QLabel *m_inheritText = nullptr;
    QWidget *m_nonePage = nullptr;
    QWidget *m_basicPage = nullptr;
    QWidget *m_bearerPage = nullptr;
    QWidget *m_apiKeyPage = nullptr;
    QScrollArea *m_oauth2Page = nullptr;
    QLineEdit *m_basicUser = nullptr;
    QLineEdit *m_basicPassword = nullptr;
    QLineEdit *m_bearerToken = nullptr;
    QLineEdit *m_apiKeyName = nullptr;
    QLineEdit *m_apiKeyValue = nullptr;
    QComboBox *m_apiKeyLocation = nullptr;
    OAuth2Editor *m_oauth2 = nullptr;
    SigningPages *m_signing = nullptr; // owned (child); its pages belong to the stack
    QList<LineEditVariableHints *> m_hints; // owned by their line edits
};

} // namespace Patchbay::Ui

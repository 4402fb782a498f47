// What a screen reader says for the request editor's controls (kept apart from the layout
// code so that wording changes do not touch it).
#include "ui/auth/autheditor.h"
#include "ui/common/accessibility.h"
#include "ui/request/keyvaluetableview.h"
#include "ui/request/requesteditor.h"
#include "ui/request/urllineedit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>

namespace Patchbay::Ui {

void RequestEditor::describeControls()
{
    using Accessibility::describe;
    describe(m_url, tr("URL"),
             tr("The address of the request; {{variables}} are filled from the environment. "
                "Paste a curl command to import it."));
    Accessibility::describeTabs(
        m_tabs,
        tr("The parts of the request: query parameters, headers, body, auth, settings "
           "and tests. Left and Right switch pages."));
    describe(m_paramsView, tr("Query parameters"),
             tr("Name and value of each query parameter; the URL follows the table"));
    describe(m_headersView, tr("Headers"),
             tr("Name and value of each request header; untick a row to leave it out"));
    m_bodyMode->setAccessibleDescription(
        tr("What the body is: none, JSON, text, a form, multipart fields or a file"));
    describe(m_timeout, tr("Timeout"), tr("How long to wait for the response before giving up"));
    m_timeoutUnit->setAccessibleDescription(tr("The unit of the timeout"));
    m_followRedirects->setAccessibleDescription(
        tr("Follow 3xx redirects, without sending credentials to another host"));
    describe(m_maxRedirects, tr("Most redirects"), tr("How many redirects to follow at most"));
    m_verifyTls->setAccessibleDescription(
        tr("Refuse servers whose TLS certificate cannot be verified"));
}

} // namespace Patchbay::Ui

// What a screen reader says for the request editor's controls (kept apart from the layout
// code so that wording changes do not touch it).
#include "ui/common/accessibility.h"
#include "ui/request/keyvaluetableview.h"
#include "ui/request/requesteditor.h"
#include "ui/request/requestheaderspane.h"
#include "ui/request/urllineedit.h"

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
    describe(m_headers->view(), tr("Headers"),
             tr("Name and value of each request header; untick a row to leave it out"));
}

} // namespace Patchbay::Ui

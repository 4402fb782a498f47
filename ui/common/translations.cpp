#include "ui/common/translations.h"

#include <QCoreApplication>
#include <QTranslator>

namespace Patchbay::Ui {

bool installEnglishPlurals(QCoreApplication *app)
{
    auto *translator = new QTranslator(app); // lives as long as the application
    if (!translator->load(QStringLiteral(":/i18n/patchbay_en.qm"))) {
        delete translator;
        return false;
    }
    return QCoreApplication::installTranslator(translator);
}

} // namespace Patchbay::Ui

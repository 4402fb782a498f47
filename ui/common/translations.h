#pragma once

class QCoreApplication;

namespace Patchbay::Ui {

// Patchbay's texts are English in the source. Counted ones ("%n change(s)") need their
// singular and plural, which Qt takes from a translation: resources/translations/patchbay_en.ts
// holds them (lupdate -pluralonly; tst_translations fails when one is missing). Installs it on
// `app`; false when it could not be loaded.
bool installEnglishPlurals(QCoreApplication *app);

} // namespace Patchbay::Ui

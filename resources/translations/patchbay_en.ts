<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Patchbay::Ui::CookiesDialog</name>
    <message numerus="yes">
        <source>%n cookie(s)</source>
        <translation>
            <numerusform>%n cookie</numerusform>
            <numerusform>%n cookies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n cookie(s)</source>
        <translation>
            <numerusform>%1 of %n cookie</numerusform>
            <numerusform>%1 of %n cookies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed %n cookie(s) of %1 and its subdomains.</source>
        <translation>
            <numerusform>Removed %n cookie of %1 and its subdomains.</numerusform>
            <numerusform>Removed %n cookies of %1 and its subdomains.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove all %n cookie(s) of this workspace?</source>
        <translation>
            <numerusform>Remove the %n cookie of this workspace?</numerusform>
            <numerusform>Remove all %n cookies of this workspace?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n cookie(s) from %1.</source>
        <translation>
            <numerusform>Imported %n cookie from %1.</numerusform>
            <numerusform>Imported %n cookies from %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n cookie(s) to %1 (curl reads it with -b).</source>
        <translation>
            <numerusform>Exported %n cookie to %1 (curl reads it with -b).</numerusform>
            <numerusform>Exported %n cookies to %1 (curl reads it with -b).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Patchbay::Ui::EditResourceDialog</name>
    <message numerus="yes">
        <source>%n field(s) changed.</source>
        <translation>
            <numerusform>%n field changed.</numerusform>
            <numerusform>%n fields changed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server applied all %n change(s) as you asked.</source>
        <translation>
            <numerusform>The server applied the %n change as you asked.</numerusform>
            <numerusform>The server applied all %n changes as you asked.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Patchbay::Ui::EventStreamView</name>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n event</numerusform>
            <numerusform>%n events</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Patchbay::Ui::FolderController</name>
    <message numerus="yes">
        <source>Opened %1: %n collection(s). Right-click one, Close Folder, to close it.</source>
        <translation>
            <numerusform>Opened %1: %n collection. Right-click one, Close Folder, to close it.</numerusform>
            <numerusform>Opened %1: %n collections. Right-click one, Close Folder, to close it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Patchbay::Ui::GraphQlEditor</name>
    <message numerus="yes">
        <source>Schema: %n types</source>
        <translation>
            <numerusform>Schema: %n type</numerusform>
            <numerusform>Schema: %n types</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Schema: %n types · changed (+%1 −%2) &lt;a href=&quot;diff&quot;&gt;Show changes&lt;/a&gt;</source>
        <translation>
            <numerusform>Schema: %n type · changed (+%1 −%2) &lt;a href=&quot;diff&quot;&gt;Show changes&lt;/a&gt;</numerusform>
            <numerusform>Schema: %n types · changed (+%1 −%2) &lt;a href=&quot;diff&quot;&gt;Show changes&lt;/a&gt;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (%n problems)</source>
        <translation>
            <numerusform> (%n problem)</numerusform>
            <numerusform> (%n problems)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Patchbay::Ui::IdempotencyDialog</name>
    <message numerus="yes">
        <source>Idempotent: %n attempt(s) gave the same status and body, and the resource stayed the same.</source>
        <translation>
            <numerusform>Idempotent: %n attempt gave the same status and body, and the resource stayed the same.</numerusform>
            <numerusform>Idempotent: %n attempts gave the same status and body, and the resource stayed the same.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Patchbay::Ui::ImportExportController</name>
    <message numerus="yes">
        <source>Updated from the API description: %n request(s) written</source>
        <translation>
            <numerusform>Updated from the API description: %n request written</numerusform>
            <numerusform>Updated from the API description: %n requests written</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Patchbay::Ui::ResponseDiffDialog</name>
    <message numerus="yes">
        <source>%n field(s) of the JSON bodies differ.</source>
        <translation>
            <numerusform>%n field of the JSON bodies differs.</numerusform>
            <numerusform>%n fields of the JSON bodies differ.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n status or header difference(s).</source>
        <translation>
            <numerusform>%n status or header difference.</numerusform>
            <numerusform>%n status or header differences.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Patchbay::Ui::RunnerDialog</name>
    <message numerus="yes">
        <source>%n request(s) to run.</source>
        <translation>
            <numerusform>%n request to run.</numerusform>
            <numerusform>%n requests to run.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) (%1)</source>
        <translation>
            <numerusform>%n event (%1)</numerusform>
            <numerusform>%n events (%1)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Patchbay::Ui::SchemaDiffDialog</name>
    <message numerus="yes">
        <source>%n line(s) added, </source>
        <translation>
            <numerusform>%n line added, </numerusform>
            <numerusform>%n lines added, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n removed, since the schema was last stored.</source>
        <translation>
            <numerusform>%n removed, since the schema was last stored.</numerusform>
            <numerusform>%n removed, since the schema was last stored.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Patchbay::Ui::SpecUpdateDialog</name>
    <message numerus="yes">
        <source>%n change(s); %1 operations unchanged. Nothing is written until you apply.</source>
        <translation>
            <numerusform>%n change; %1 operations unchanged. Nothing is written until you apply.</numerusform>
            <numerusform>%n changes; %1 operations unchanged. Nothing is written until you apply.</numerusform>
        </translation>
    </message>
</context>
</TS>

; Inno Setup 6 script for Faedah: a per-user installer of the one-folder build (dist\faedah\).
;   iscc /DAppVersion=0.1.0 packaging\faedah.iss        -> dist\installer\faedah-0.1.0-setup.exe
; Built by .github/workflows/windows.yml after packaging/build and the smoke test.
;
; Decisions:
; * Per user, no admin rights: PrivilegesRequired=lowest installs into %LOCALAPPDATA%\Programs\Faedah and
;   registers everything under HKCU. An IT department may still choose "for all users" (the dialog, or
;   /ALLUSERS on the command line): {autopf}, {autoprograms} and HKA then resolve to Program Files, the common
;   Start menu and HKLM.
; * Case files stay ".json" (what the app saves and the CLI reads). A double extension such as .faedah.json
;   cannot be associated on Windows (only the last extension counts), and taking over every .json would be
;   rude: the ProgID Faedah.Case is added to .json's "Open with" list, and an office can make it the default
;   from Explorer.
; * The uninstaller removes only what it installed. The user's cases (wherever they saved them), settings
;   (%APPDATA%\Faedah) and drafts (%LOCALAPPDATA%\Faedah) are kept, and so is an office rule pack.
; * An office rule pack goes beside the executables: {app}\rules\ (manifest.json and its files; check it first
;   with `faedah rules --check DIR`), and the official commutation table in {app}\commutation.json. If the
;   build machine has packaging\office\rules\ or packaging\office\commutation.json, they are installed there
;   once and never overwritten or removed by later installs or the uninstaller.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Faedah"
#define AppExe "faedah-gui.exe"
#define SourceDir "..\dist\faedah"

[Setup]
AppId={{6B1E5D0A-6F3C-4C8E-9B57-FAEDA0000001}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Faedah
AppComments=Offline estimator of PERKESO / SOCSO benefits (an estimate, not PERKESO's decision)
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist\installer
OutputBaseFilename=faedah-{#AppVersion}-setup
SetupIconFile=..\resources\icons\faedah.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "openwith"; Description: "Offer Faedah in ""Open with"" for case files (.json)"; GroupDescription: "Case files:"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
; an office rule pack / commutation table shipped with this installer: installed once, never replaced or removed
Source: "office\rules\*"; DestDir: "{app}\rules"; Flags: onlyifdoesntexist uninsneveruninstall recursesubdirs createallsubdirs skipifsourcedoesntexist
Source: "office\commutation.json"; DestDir: "{app}"; Flags: onlyifdoesntexist uninsneveruninstall skipifsourcedoesntexist

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Comment: "PERKESO benefit estimator"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Registry]
; ProgID for Faedah case files; .json keeps its own default program
Root: HKA; Subkey: "Software\Classes\Faedah.Case"; ValueType: string; ValueName: ""; ValueData: "Faedah case"; Flags: uninsdeletekey; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\Faedah.Case\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\Faedah.Case\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\.json\OpenWithProgids"; ValueType: string; ValueName: "Faedah.Case"; ValueData: ""; Flags: uninsdeletevalue; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".json"; ValueData: ""; Flags: uninsdeletekey; Tasks: openwith

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; only what the program itself may have created in its own folder; never the user's cases or settings
Type: filesandordirs; Name: "{app}\__pycache__"

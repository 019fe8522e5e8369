@{
    RootModule        = 'PrivacyServicesEmulator.psm1'
    ModuleVersion     = '0.1.0'
    GUID              = '5d0f8f5e-7c1b-4c36-9a55-3f1e8c2b7a41'
    Author            = 'PrivacyServices contributors'
    Description       = 'Starts, drives and stops the PrivacyServices emulator from Pester tests: counters, reset, token lifetimes, clients, faults, and Connect-PrivacyService parameters for each emulated provider.'
    PowerShellVersion = '5.1'
    FunctionsToExport = @(
        'Start-PrivacyEmulator', 'Stop-PrivacyEmulator', 'Reset-PrivacyEmulator', 'Invoke-PrivacyEmulatorControl',
        'Get-PrivacyEmulatorCounter', 'Set-PrivacyEmulatorTokenLifetime', 'Register-PrivacyEmulatorClient',
        'Add-PrivacyEmulatorFault', 'Clear-PrivacyEmulatorFault', 'Set-PrivacyEmulatorField', 'Get-PrivacyEmulatorField', 'Set-PrivacyEmulatorJobProgress', 'Set-PrivacyEmulatorConsentFileCount', 'Get-PrivacyEmulatorProvider', 'Get-PrivacyEmulatorConnectParameter'
    )
    CmdletsToExport   = @()
    AliasesToExport   = @()
    VariablesToExport = @()
}

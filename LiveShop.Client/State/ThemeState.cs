using Microsoft.JSInterop;

namespace LiveShop.Client.State;

/// <summary>Dark mode: follows the system until the user toggles it; the choice is kept in localStorage.</summary>
public sealed class ThemeState(IJSRuntime js)
{
    private const string StorageKey = "liveshop.theme";

    public bool IsDarkMode { get; private set; }

    public event Action? Changed;

    /// <summary>Call once interactive, with the system preference read by the theme provider.</summary>
    public async Task InitializeAsync(Func<Task<bool>> systemPrefersDark)
    {
        var stored = await js.InvokeAsync<string?>("localStorage.getItem", StorageKey);
        IsDarkMode = stored switch
        {
            "dark" => true,
            "light" => false,
            _ => await systemPrefersDark(),
        };
        Changed?.Invoke();
    }

    public async Task ToggleAsync()
    {
        IsDarkMode = !IsDarkMode;
        Changed?.Invoke();
        await js.InvokeVoidAsync("localStorage.setItem", StorageKey, IsDarkMode ? "dark" : "light");
    }
}

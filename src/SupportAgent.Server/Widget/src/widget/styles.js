// Scoped with the sa- prefix so the host page's CSS and ours do not collide. Colours meet WCAG 2.1 AA on their
// backgrounds: text 4.5:1, focus rings and control borders 3:1 (a dark ring on light parts, a white one on the header).
// Every control is at least a 24 px target.
export const css = `
.sa-launcher{position:fixed;right:20px;bottom:20px;border:0;border-radius:999px;padding:14px 20px;background:#1f4fd1;color:#fff;font:600 15px system-ui,sans-serif;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.2);z-index:2147483000}
.sa-launcher:focus-visible,.sa-panel :focus-visible{outline:3px solid #14213d;outline-offset:2px;box-shadow:0 0 0 5px #fff}
.sa-head :focus-visible{outline-color:#fff;box-shadow:0 0 0 5px #14213d}
.sa-panel{position:fixed;right:20px;bottom:84px;width:min(390px,calc(100vw - 24px));height:min(600px,calc(100vh - 110px));display:none;flex-direction:column;background:#fff;border-radius:14px;box-shadow:0 8px 30px rgba(0,0,0,.25);font:15px/1.45 system-ui,sans-serif;color:#1d2430;z-index:2147483000;overflow:hidden}
.sa-panel[data-open=true]{display:flex}
.sa-panel *{box-sizing:border-box}
.sa-head{display:flex;align-items:center;gap:8px;padding:10px 12px 10px 16px;background:#1f4fd1;color:#fff}
.sa-title{flex:1;margin:0;font:600 16px system-ui,sans-serif;min-width:0;overflow-wrap:anywhere}
.sa-head button{min-height:32px;min-width:32px;border:1px solid #fff;background:transparent;color:#fff;border-radius:8px;padding:6px 10px;font:600 13px system-ui,sans-serif;cursor:pointer}
.sa-head button:disabled{opacity:1;border-style:dashed;color:#dfe7ff;cursor:default}
.sa-status{padding:6px 12px;background:#fff4d6;color:#5c4300;font-size:13px}
.sa-status:empty{display:none}
.sa-log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px}
.sa-greeting{align-self:flex-start;margin:0;max-width:85%;padding:8px 12px;border-radius:12px;background:#eef1f6;color:#1d2430}
.sa-msg{max-width:85%;padding:8px 12px;border-radius:12px;white-space:pre-wrap;overflow-wrap:anywhere}
.sa-customer{align-self:flex-end;background:#1f4fd1;color:#fff}
.sa-assistant,.sa-staff{align-self:flex-start;background:#eef1f6}
.sa-staff{border-left:4px solid #0a7d45}
.sa-who{display:block;font-size:12px;font-weight:600;color:#3d4452;margin-bottom:2px}
.sa-sources{margin-top:6px;font-size:13px;white-space:normal;display:flex;flex-direction:column;align-items:flex-start;gap:2px}
.sa-sources a,.sa-source{display:inline-block;min-height:24px;padding:2px 0;color:#1640b0;text-decoration:underline;background:none;border:0;font:inherit;text-align:left;cursor:pointer}
.sa-snippet{margin:4px 0 0;padding:6px 8px;background:#fff;border-radius:6px;color:#333}
.sa-feedback{display:flex;align-items:center;gap:6px;margin-top:6px;font-size:13px;color:#3d4452}
.sa-feedback button{min-height:28px;min-width:40px;border:1px solid #6b7280;background:#fff;color:#1d2430;border-radius:8px;padding:3px 10px;cursor:pointer;font:600 13px system-ui,sans-serif}
.sa-feedback button[aria-pressed=true]{background:#1f4fd1;border-color:#1f4fd1;color:#fff}
.sa-handoff{align-self:stretch;text-align:center;font-size:13px;color:#0a5c34;background:#e4f5ec;border-radius:8px;padding:6px}
.sa-typing{align-self:flex-start;color:#3d4452;font-size:13px;font-style:italic}
.sa-form{display:flex;gap:8px;padding:10px;border-top:1px solid #e3e6ec}
.sa-form input{flex:1;min-width:0;padding:9px 10px;border:1px solid #6b7280;border-radius:8px;font:inherit;color:#1d2430;background:#fff}
.sa-form button{padding:9px 14px;border:0;border-radius:8px;background:#1f4fd1;color:#fff;font:600 14px system-ui,sans-serif;cursor:pointer}
.sa-form button:disabled{background:#6b7280;cursor:default}
.sa-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:480px){.sa-panel{right:0;bottom:0;width:100vw;height:100dvh;border-radius:0}.sa-launcher[aria-expanded=true]{display:none}}
`;

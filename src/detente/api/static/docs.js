// Swagger UI over this server's own schema. The validator badge is off: it would load an image
// from another site, which the Content-Security-Policy refuses anyway.

window.ui = window.SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  validatorUrl: null,
  deepLinking: true,
  presets: [window.SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
});

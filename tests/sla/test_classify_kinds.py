"""Hold-out 3's kinds, each said in many ways: paraphrases written before the fixes (Spanish of
several countries and English, other verbs, word orders, tenses, with and without accents), a
second round written after them to see whether the mechanisms generalise, and texts where each
new mechanism must not fire. Each group names its kind and the seed sentence that decides it;
docs/classification.md lists the mechanisms. Before the fixes the first round scored 44/89, the
second 27/41; after them 85/89 and 41/41 (the rows here are those right after).

Hold-out 4's structural kinds (scope, environment and urgency weighed by clause) were done the same
way: a first round written before the change scored 28/38, after it 38/38; a second round written
after it scored 15/24 before any change, 20/24 after the first change and 24/24 once its four misses
were fixed by mechanism; hold-out 4's wording kinds, written after their wordings, 7/13 before and
12/13 after (`se me cayó el celular ... ¿cómo la recupero?` left out: no question wording).
"""

from __future__ import annotations

import pytest

from slactl.policy import load as loader
from slactl.policy.severity import Facts
from slactl.sla.classify import Incident, classify

POLICIES = loader.load(loader.active_paths(None))


# A recurrence (`tres veces`, `en tres ocasiones`, `several times`, `de vez en cuando`) beside what fails, or coming back by itself: intermittent.
# Seed: Athento Major: "inestabilidad en el sistema con interrupciones periódicas del servicio ... caídas puntuales."; Ignus Urgente: "Bajo rendimiento / intermitencia del servicio."; Conecta: a slow or intermittent service is a partial interruption.
RECURRING = [
    ('athento', 'Esta semana el sistema se cayó cuatro veces por unos minutos y después volvió solo.', 'major'),
    ('athento', 'La plataforma se ha caído varias veces hoy, unos segundos cada vez, luego se recupera sola.', 'major'),
    ('athento', 'Athento se nos cae de vez en cuando, dos o tres minutos, y vuelve a funcionar sin que hagamos nada.', 'major'),
    ('athento', 'Desde el lunes el servicio se cae cada dos por tres y a los pocos minutos se levanta solo.', 'major'),
    ('athento', 'Se ha caido 3 veces en la mañana, luego se recupero solito.', 'major'),
    ('athento', 'Hemos tenido caídas cortas repetidas esta semana, el sistema vuelve por sí solo al rato.', 'major'),
    ('athento', 'The platform went down four times today for a couple of minutes and recovered by itself.', 'major'),
    ('athento', 'Athento has been dropping out several times a day, each time for a minute or two, then it comes back on its own.', 'major'),
    ('athento', 'We keep losing the system for a few minutes, it recovers by itself each time.', 'major'),
    ('athento', 'El sistema se cae y a los cinco minutos vuelve, ya van tres veces en el día.', 'major'),
    ('athento', 'Ayer la plataforma quedó caída en tres ocasiones durante pocos minutos, pero se restableció sola.', 'major'),
    ('athento', 'the system crashed a few times this week but came back by itself after a few minutes', 'major'),
    ('athento', 'Hoy la aplicación se colgó dos veces, un par de minutos, y después siguió funcionando sola.', 'major'),
    ('ignus', 'El hosting se cae a veces y vuelve solo.', 'urgent'),
    ('athento', 'Our users got kicked out several times this morning; each time the platform recovered on its own.', 'major'),
    ('athento', 'El servidor se reinició solo tres veces esta semana.', 'major'),
    ('conecta', 'La web se cae de vez en cuando, unos minutos, y luego vuelve.', 'partial-outage'),
]

# A quantity noun (`chorro`, `lluvia`, `ola`, `bola`, `flood`, `tons`) of mail or spam arriving, or a rate of it: a spam flood, not an outage.
# Seed: Ignus Alto: "Ataque masivo de SPAM."
A_QUANTITY_OF_JUNK = [
    ('ignus', 'Está cayendo un chorro de correo basura a todas las cuentas y no para.', 'high'),
    ('ignus', 'Nos entra una lluvia de spam desde anoche, cientos por hora.', 'high'),
    ('ignus', 'Llegan montones de mensajes de spam a todos los buzones.', 'high'),
    ('ignus', 'Nos está llegando una bola de correos basura, no damos abasto.', 'high'),
    ('ignus', 'Recibimos una cantidad enorme de spam desde esta mañana.', 'high'),
    ('ignus', 'Nos cae una oleada de correo no deseado en todas las cuentas.', 'high'),
    ('ignus', 'Está entrando un chingo de spam, como 500 por hora.', 'high'),
    ('ignus', 'We are getting a flood of junk mail in every mailbox.', 'high'),
    ('ignus', 'A huge wave of spam is hitting all our inboxes since last night.', 'high'),
    ('ignus', "We're receiving tons of spam, hundreds per hour.", 'high'),
    ('ignus', 'Nos llueven correos basura, un montón, desde anoche.', 'high'),
    ('ignus', 'Cayó una avalancha de mails de spam en todas las cuentas.', 'high'),
    ('ignus', 'Desde ayer nos llega una ola de correos basura a todos los buzones.', 'high'),
    ('ignus', 'Están entrando miles de mensajes de spam por hora.', 'high'),
    ('ignus', "We're being hit by a deluge of spam emails.", 'high'),
    ('ignus', 'Nos cayó un aluvión de spam en las cuentas de ventas.', 'high'),
]

# HTTP 5xx by number (after HTTP, error or a verb of answering) or by name, a browser's "can't be reached": the service is down; the scope from who gets it.
# Seed: Athento Blocker: "el sistema en producción se encuentra totalmente fuera de servicio."; Conecta: "Interrupción parcial de los servicios y su funcionalidad." / "Caída Total (Crítico): Interrupción completa de los servicios de hosting."
HTTP_SERVER_ERRORS = [
    ('athento', 'La URL de producción devuelve 502 Bad Gateway a todo el mundo, nadie puede entrar.', 'blocker'),
    ('athento', 'Athento responde 503 Service Unavailable para todos los usuarios desde las 9.', 'blocker'),
    ('athento', "Todo el mundo recibe 'Internal Server Error' al abrir Athento.", 'blocker'),
    ('athento', 'Everyone gets a 504 Gateway Timeout when opening the platform.', 'blocker'),
    ('athento', 'The whole platform returns HTTP 500 for every user.', 'blocker'),
    ('conecta', 'About half of the sites on our account return HTTP 500 since 10:00. The other half load fine.', 'partial-outage'),
    ('conecta', 'La mitad de los sitios devuelven error 503, los demás cargan bien.', 'partial-outage'),
    ('conecta', 'Some of our sites are returning 502 bad gateway, the rest are fine.', 'partial-outage'),
    ('conecta', 'Our main domain is fine, but every subdomain has been unreachable since this morning.', 'partial-outage'),
    ('conecta', "Algunos de nuestros sitios dan 'no se puede acceder a este sitio', los otros abren normal.", 'partial-outage'),
    ('conecta', 'All our sites return 503 Service Unavailable.', 'total-outage'),
    ('conecta', 'Algunas páginas responden con un 500 y otras cargan bien.', 'partial-outage'),
    ('athento', "Al entrar a Athento sale 'Service Unavailable' para todo el mundo.", 'blocker'),
    ('conecta', 'Unos sitios nos dan 504 Gateway Timeout, los otros cargan bien.', 'partial-outage'),
    ('athento', 'La plataforma responde 503 a todos los usuarios desde hace una hora.', 'blocker'),
    ('conecta', 'Todo el hosting devuelve error 502, ningún servicio funciona.', 'total-outage'),
]

# What the client's customers use (`que usan nuestros clientes`, `sigue vendiendo`, `customer-facing`) is production unless an environment is named.
# Seed: IVCISA: "Sistema de producción inactivo – crítico: < 2 hora"; "Sistema de producción – activo – no critico: < 4 horas".
WHAT_CUSTOMERS_USE = [
    ('ivcisa', 'El portal de pagos que usan nuestros clientes está caído en su totalidad.', 'production-down'),
    ('ivcisa', 'La tienda en línea donde compran nuestros clientes no carga, está caída por completo.', 'production-down'),
    ('ivcisa', 'No es que producción esté caída, sigue funcionando y vendiendo, pero el módulo de facturas no conecta.', 'production-active'),
    ('ivcisa', 'El sistema sigue vendiendo pero los reportes no se generan.', 'production-active'),
    ('ivcisa', 'The customer-facing portal is completely down.', 'production-down'),
    ('ivcisa', "Our live site is completely down, customers can't buy anything.", 'production-down'),
    ('ivcisa', 'La app que usan los clientes funciona, pero las notificaciones no salen.', 'production-active'),
    ('ivcisa', 'El sistema en vivo está totalmente caído.', 'production-down'),
    ('ivcisa', 'The system our customers use is still up but exports fail.', 'production-active'),
    ('ivcisa', 'La plataforma con la que atendemos al público está caída por completo.', 'production-down'),
    ('ivcisa', 'La tienda donde compran nuestros clientes está completamente caída.', 'production-down'),
    ('ivcisa', 'Seguimos vendiendo, pero el reporte de ventas no se genera.', 'production-active'),
    ('ivcisa', 'Our customer-facing store is completely down.', 'production-down'),
]

# The client as the cause: a domain let expire, a payment or renewal forgotten, an account of theirs phished.
# Seed: Ignus Alto: "Error en el servidor de correo: error de recepción y envío de correos debidos al cliente."
THE_CLIENT_LET_IT_LAPSE = [
    ('ignus', 'Dejamos vencer el dominio y ahora los correos rebotan.', 'high'),
    ('ignus', 'Se nos olvidó pagar la renovación del dominio y el correo no llega.', 'high'),
    ('ignus', 'Olvidamos renovar el dominio, por eso los correos no salen.', 'high'),
    ('ignus', 'Un compañero cayó en un phishing, usaron su cuenta para mandar spam y ahora no puede enviar correos.', 'high'),
    ('ignus', 'We let the domain expire and now our emails bounce.', 'high'),
    ('ignus', 'We forgot to renew the domain, emails are not being delivered.', 'high'),
    ('ignus', "One of our users fell for a phishing email; her account sent spam and now she can't send email.", 'high'),
    ('ignus', 'No pagamos el dominio a tiempo y se venció, ahora los correos rebotan.', 'high'),
    ('ignus', 'Se nos olvidó renovar el dominio y ahora no nos llegan los correos.', 'high'),
    ('ignus', 'I forgot to pay the domain renewal and now our emails bounce.', 'high'),
    ('ignus', 'Dejamos caducar el dominio, los correos no salen.', 'high'),
]

# How to set a signature (a footer at the end of the mails), asked with `cómo le hago`, `qué tengo que hacer`.
# Seed: Ignus Bajo: "Configuración de correo electrónico (Outlook, móvil, configuración de firma electrónica)."
SIGNATURE_HOW_TO = [
    ('ignus', '¿Cómo le hago para poner mi firma en el webmail?', 'low'),
    ('ignus', 'Quiero que salga mi nombre y logo al final de mis correos, ¿cómo lo hago?', 'low'),
    ('ignus', 'How do I add a signature in webmail?', 'low'),
    ('ignus', '¿Qué tengo que hacer para agregar una firma a mis correos?', 'low'),
    ('ignus', '¿Me explican cómo pongo una firma con el logo en el correo?', 'low'),
]

# A few junk messages, nothing massive, and the filter to tighten: a filter adjustment, not a flood.
# Seed: Ignus Bajo: "Ajustes en los filtros de SPAM."
A_FEW_SPAM = [
    ('ignus', 'Nos llegan algunos correos basura de vez en cuando, nada masivo. ¿Se puede subir el nivel del filtro?', 'low'),
    ('ignus', 'We get a few junk emails now and then, nothing massive. Can you make the spam filter stricter?', 'low'),
    ('ignus', 'Me entra un poco de spam cada día, ¿pueden endurecer el antispam?', 'low'),
    ('ignus', 'Llegan dos o tres correos no deseados al día; quisiera que el filtro sea más estricto.', 'low'),
    ('ignus', 'Recibo unos pocos correos basura a la semana, nada masivo, ¿pueden ajustar el filtro?', 'low'),
]

# One function dead (`muerto`, `dead`) beside the rest said to work (`lo demás va perfecto`, `van volando`, `are flying`).
# Seed: Conecta Bug: "Fallas en funciones específicas sin interrupción total del servicio."
ONE_FUNCTION_DEAD = [
    ('conecta', 'El instalador de Softaculous está muerto, no me deja instalar nada. Los sitios que ya tengo van volando.', 'bug'),
    ('conecta', 'El buscador del sitio está muerto, lo demás va perfecto.', 'bug'),
    ('conecta', "Nothing is down, the sites and mail are fine, but the autoresponder isn't sending replies.", 'bug'),
    ('conecta', 'The backup plugin is dead, the sites themselves are flying.', 'bug'),
    ('conecta', 'El formulario de contacto está muerto, todo lo demás va perfecto.', 'bug'),
]

# A product flaw exploited and clients' files taken is materialised; a way in nobody used yet (`before it is exploited`, `no hay indicios de que lo hayan aprovechado`) is potential.
# Seed: Athento Blocker: "vulnerabilidades ... por un agujero de seguridad del producto y que se hayan materializado."; Critical: "vulnerabilidades que afecten a la privacidad de los datos pero que no se hayan materializado"
EXPOSURE = [
    ('athento', 'Alguien aprovechó una falla del visor y se bajó expedientes de nuestros clientes.', 'blocker'),
    ('athento', 'Un tercero se descargó documentos de clientes usando un fallo del producto.', 'blocker'),
    ('athento', "Someone exploited a bug in the viewer and pulled our clients' files.", 'blocker'),
    ('athento', 'If you change the numeric ID in the download URL you can open documents from departments you have no permission for.', 'critical'),
    ('athento', 'Cambiando el id de la URL se pueden abrir documentos de otros departamentos sin tener permiso.', 'critical'),
    ('athento', 'Un atacante aprovechó un fallo del producto y descargó documentos de clientes.', 'blocker'),
    ('athento', 'Hemos visto que cualquiera podría abrir documentos de otros departamentos; no hay indicios de que lo hayan aprovechado.', 'critical'),
]

# Nobody can find documents (`find`, `encontrar`): core work blocked.
# Seed: Athento Critical: "limita funcionalidad vital del sistema (por ejemplo, crear documentos o consultar documentos de forma generalizada)."
VITAL_FUNCTION_FOR_EVERYONE = [
    ('athento', 'Prod is up, but search is broken company-wide: nobody can find any document.', 'critical'),
    ('athento', 'La plataforma funciona pero nadie puede buscar documentos, el buscador no devuelve nada para ningún usuario.', 'critical'),
    ('athento', 'Nobody in the company can find documents: every search returns 0 results.', 'critical'),
    ('athento', 'Nadie en la empresa consigue encontrar documentos, el buscador no devuelve nada.', 'critical'),
]

# Where the new mechanisms must not fire: a quantity of users, a count of tries, a number that is no HTTP status, a test system customers use, a phishing mail received, a user downloading his own documents.
# Seed: each row's own provider sentence: Ignus Urgente "Servicio caído o sin funcionamiento."; Athento Blocker; Athento Trivial "preguntas sobre uso del sistema"; IVCISA "Afectación de Sistemas no productivo".
MUST_NOT_FIRE = [
    ('ignus', 'Un montón de usuarios no pueden entrar al correo, está caído.', 'urgent'),
    ('athento', 'El sistema está caído desde hace 40 minutos, nadie puede trabajar.', 'blocker'),
    ('athento', 'Cada mes pagamos la licencia, ¿cómo veo cuántos tickets quedan?', 'trivial'),
    ('ignus', 'La web se cayó y no vuelve, lleva 3 horas caída.', 'urgent'),
    ('ignus', 'Nos llegan muchas quejas de clientes: la web no carga.', 'urgent'),
    ('athento', 'Three times I tried to log in, the platform is down for everyone.', 'blocker'),
    ('ivcisa', 'El ambiente de pruebas que usan nuestros clientes para capacitación está caído.', 'non-production'),
    ('ignus', 'Hay una cantidad de errores en la web, no carga el carrito.', 'urgent'),
    ('ignus', 'El correo no llega y no hemos cambiado nada; el dominio está pagado hasta 2027.', 'urgent'),
    ('athento', 'Hay un error en el manual, la guía menciona un parámetro que ya no existe.', 'trivial'),
    ('ignus', 'Un montón de usuarios no pueden entrar al webmail, está caído.', 'urgent'),
    ('ignus', 'Tenemos una cantidad de errores 500 en la web.', 'urgent'),
    ('conecta', 'Cientos de clientes nos llaman: el servidor no responde.', 'total-outage'),
    ('athento', 'Lo intenté tres veces y nada: la plataforma está caída para todos.', 'blocker'),
    ('athento', 'Varias veces al mes pagamos facturas, ¿cómo descargo el PDF?', 'trivial'),
    ('athento', 'El sistema está caído desde hace dos horas y no vuelve.', 'blocker'),
    ('athento', '¿Cómo programo que el informe se envíe cada mes?', 'trivial'),
    ('ignus', 'Nos llegan como 500 correos de spam por hora.', 'high'),
    ('athento', '¿Cuántos tickets quedan? Nos quedan 500 documentos por subir.', 'trivial'),
    ('ignus', 'Queremos subir el límite de subida a 500 MB.', 'medium'),
    ('ivcisa', 'El ambiente de pruebas que usan nuestros clientes está caído.', 'non-production'),
    ('ignus', 'Recibimos un phishing a nombre del banco; además el correo no llega desde ayer y no hemos cambiado nada.', 'urgent'),
    ('ignus', 'El dominio está pagado y no lo dejamos vencer, pero el correo no llega.', 'urgent'),
    ('athento', 'Descargó documentos un usuario y le salen en blanco.', 'trivial'),
    ('athento', 'Aprovecho para preguntar cómo se configura el buscador.', 'trivial'),
    ('conecta', 'La tienda está caída, lo demás funciona.', 'partial-outage'),
]

# Scope from the strongest explicit statement of the failing clause: a whole said of itself (`completamente`, `totally`)
# over a function named as its symptom; a count of a count (`3 de 6`, `two out of five`, `de los 6 dominios, 3`) is part.
# Seed: Conecta: "Caída Total (Crítico): Interrupción completa de los servicios de hosting." / "Interrupción Parcial (Urgente): Interrupción parcial de los servicios y su funcionalidad."; IVCISA: "Sistema de producción inactivo – crítico"; Athento Blocker: "totalmente fuera de servicio".
SCOPE_BY_CLAUSE = [
    ('ivcisa', 'El sistema de producción está totalmente caído desde la madrugada: ni siquiera carga la pantalla de login.', 'production-down'),
    ('ivcisa', 'Producción completamente abajo, no abre el formulario de ingreso y nadie puede facturar.', 'production-down'),
    ('conecta', 'El hosting está completamente caído, ni el formulario de contacto ni nada carga.', 'total-outage'),
    ('athento', 'The production platform is completely down; the login page does not even load.', 'blocker'),
    ('conecta', 'Everything on the server is down, not even the search form responds, nothing at all is reachable.', 'total-outage'),
    ('conecta', 'De mis 4 sitios, 2 no cargan y los otros 2 van bien.', 'partial-outage'),
    ('conecta', 'Tengo 8 dominios, 5 de ellos no abren, dan error 500, los demás sí funcionan.', 'partial-outage'),
    ('conecta', '3 de 6 dominios no abren desde anoche.', 'partial-outage'),
    ('conecta', 'Half of my websites are down since this morning, the other half load fine.', 'partial-outage'),
    ('conecta', '2 of our 5 sites return a 503, the rest are fine.', 'partial-outage'),
    ('conecta', 'All 9 sites on the reseller account are timing out and the mailboxes too, nothing is reachable.', 'total-outage'),
    ('conecta', 'Todos los sitios de la cuenta están caídos y el correo también, no responde nada.', 'total-outage'),
    ('conecta', 'Algunos de los sitios no cargan, aunque el servidor en general responde.', 'partial-outage'),
    ('conecta', 'Two out of five of our sites are not loading since 9am.', 'partial-outage'),
    ('conecta', 'De nuestras 10 tiendas en línea, 4 no cargan desde la mañana.', 'partial-outage'),
    ('athento', 'Athento en producción está totalmente fuera de servicio, ni el botón de login aparece.', 'blocker'),
    ('ivcisa', 'El sistema productivo se cayó por completo, el reporte de ventas tampoco abre.', 'production-down'),
    ('conecta', 'se cayo todo, ni la pagina de login carga, nada funciona', 'total-outage'),
]

# The environment of the clause that carries the failure, over one named elsewhere (`Producción sin novedad`, `Prod is not involved`)
# or denied (`no es producción, solo staging`, `no está en producción sino en QA`); live selling (`sí pueden vender`) is production.
# Seed: IVCISA: "Afectación de Sistemas no productivo – no critico: <12 horas"; "Sistema de producción – activo – no critico: < 4 horas"; "Sistema de producción inactivo – crítico: < 2 hora".
ENVIRONMENT_BY_CLAUSE = [
    ('ivcisa', 'El ambiente de QA está completamente caído desde ayer. Producción sin novedad.', 'non-production'),
    ('ivcisa', 'No es producción, solo staging: la base de datos no levanta.', 'non-production'),
    ('ivcisa', 'Prod is fine, QA is down since last night.', 'non-production'),
    ('ivcisa', 'Our staging database restore failed. Prod is not involved.', 'non-production'),
    ('ivcisa', 'Se cayó el servidor de pruebas, pero producción sigue normal.', 'non-production'),
    ('ivcisa', 'Production is not affected; the UAT environment is throwing 500 errors.', 'non-production'),
    ('ivcisa', 'El entorno de desarrollo no responde, mientras que producción funciona sin problema.', 'non-production'),
    ('ivcisa', 'El problema no está en producción sino en el ambiente de calidad, que no carga.', 'non-production'),
    ('ivcisa', 'Las cajeras sí pueden cobrar, pero el punto de venta tarda mucho en cada venta.', 'production-active'),
    ('ivcisa', 'Los vendedores siguen facturando, pero el sistema está lentísimo desde temprano.', 'production-active'),
    ('ivcisa', 'Our cashiers can still sell, but every checkout takes 30 seconds on the POS.', 'production-active'),
    ('ivcisa', 'Staging is down, whereas prod is running normally.', 'non-production'),
    ('ivcisa', 'Producción anda bien; el que no levanta es el servidor de desarrollo.', 'non-production'),
    ('ivcisa', 'The QA box is down. Production: no issues.', 'non-production'),
    ('ivcisa', 'No afecta a producción, solo al ambiente de pruebas que no arranca.', 'non-production'),
    ('ivcisa', 'Las sucursales siguen pudiendo facturar, pero el reporte de inventario da error.', 'production-active'),
    ('ivcisa', 'The UAT database failed to restore; prod is untouched.', 'non-production'),
    ('ivcisa', 'Aclaro que no es en producción: el ambiente de capacitación no carga.', 'non-production'),
]

# Urgent words decide nothing: `no es que algo esté caído`, `it's not that anything is broken` deny the outage, and a mail setup stays Bajo.
# Seed: Ignus Bajo: "Configuración de correo electrónico (Outlook, móvil, configuración de firma electrónica)."; Urgente: "Servicio caído o sin funcionamiento."
URGENCY_AGAINST_FACTS = [
    ('ignus', 'Me urge!!! pero no es que algo esté caído: solo necesito que me ayuden a configurar el correo en mi celular.', 'low'),
    ('ignus', 'Es urgente, aunque nada está caído: necesito configurar Outlook en la laptop nueva.', 'low'),
    ('ignus', 'URGENT please! Nothing is down, I just need help setting up my email on my new iPhone.', 'low'),
    ('ignus', 'Urgentísimo, no es una falla: quiero poner mi firma en los correos antes de la junta.', 'low'),
    ('ignus', 'Urge, no hay nada caído, solo necesitamos que cambien el límite de subida de archivos.', 'medium'),
    ('ignus', 'Necesito ayuda urgente para configurar el correo en el Android del nuevo vendedor, no es una caída.', 'low'),
    ('ignus', "Help ASAP, it's not an outage: how do I add my email account to Outlook?", 'low'),
    ('ignus', 'Urgente por favor, no es que el servidor esté caído, solo quiero agregar mi cuenta de correo en el iPhone.', 'low'),
    ('ignus', "It's urgent, but it's not that anything is broken: I need my email signature set up.", 'low'),
    ('ignus', 'Me urge muchísimo que me ayuden a configurar el correo en Outlook, no hay nada caído.', 'low'),
]

# Hold-out 4's wording kinds: a function after `ni siquiera` is a symptom; `no anda nada`; auto-recovered short drops; `pura estética`; figures of speech.
# Seed: Athento Blocker: "totalmente fuera de servicio"; Major: "interrupciones periódicas del servicio ... caídas puntuales"; Trivial: "Plugins o funcionalidades concretas no se encuentran funcionando con normalidad"; Conecta Bug: "Fallas en funciones específicas sin interrupción total del servicio."
HOLDOUT4_WORDINGS = [
    ('athento', 'Nadie puede entrar a Athento desde las nueve, ni siquiera carga la pantalla de login, sale un 503.', 'blocker'),
    ('athento', 'Nobody can log in to the platform, not even the login form shows up, just a 503.', 'blocker'),
    ('athento', 'hola el sistema no anda nada no abre ni la pagina de entrar estamos todos parados', 'blocker'),
    ('conecta', 'buenas el hosting no jala para nada no abre ni el panel ni las paginas', 'total-outage'),
    ('athento', 'Weekly report: 9 incidents, 1 to 4 minutes each, all auto recovered. Users work normally between them.', 'major'),
    ('athento', 'Resumen del monitoreo: 6 caídas breves esta semana, todas se recuperaron solas.', 'major'),
    ('athento', 'El logo sale estirao en la pantalla de inicio, es pura estética, todo lo demás funciona.', 'trivial'),
    ('athento', 'Purely cosmetic: a label in the menu is in English instead of Spanish, everything else works.', 'trivial'),
    ('conecta', 'Me cayó como balde de agua fría ver que el respaldo automático falla desde hace días; los sitios funcionan.', 'bug'),
]

# Where the new weighing must not fire: a function failing for everyone is still one function, a date is no count, the
# environment of the failing clause wins both ways, urgent words over a real outage stay urgent, `se nos cayó el servidor` is down.
MUST_NOT_FIRE_BY_CLAUSE = [
    ('conecta', 'El botón de pagar de la tienda no hace nada, el resto del sitio funciona bien.', 'bug'),
    ('ivcisa', 'Producción está caída, staging funciona bien.', 'production-down'),
    ('ivcisa', 'QA is fine but production is completely down.', 'production-down'),
    ('ignus', 'Urgente!!! el servidor está caído y no cargan los sitios.', 'urgent'),
    ('ignus', 'Me urge, el correo no llega desde hace dos horas y no cambiamos nada.', 'urgent'),
    ('ignus', 'Urgent: the VPS is not responding at all.', 'urgent'),
    ('conecta', 'El formulario de contacto no funciona para todos los usuarios, el resto del sitio va bien.', 'bug'),
    ('conecta', 'The checkout button fails for everyone.', 'bug'),
    ('conecta', 'Desde el 3 de marzo el servidor no responde.', 'total-outage'),
    ('conecta', 'Tengo 2 sitios y los 2 no cargan, el servidor no responde.', 'total-outage'),
    ('conecta', 'Completamente roto el buscador de la tienda, pero el resto de la página funciona.', 'bug'),
    ('ivcisa', 'No es staging, es producción la que está caída.', 'production-down'),
    ('ivcisa', 'QA está sin novedad, en cambio producción está totalmente caída.', 'production-down'),
    ('ivcisa', 'El error ocurre tanto en staging como en producción.', 'missing env'),
    ('ignus', 'No es que sea lento, es que el sitio no carga para nada.', 'urgent'),
    ('ignus', 'Urgente, no es broma: el correo no sale desde ayer y no hemos cambiado nada.', 'urgent'),
    ('athento', 'El formulario de alta no guarda, el resto de la plataforma funciona bien.', 'trivial'),
    ('athento', 'el sistema no anda bien esta lento desde la mañana', 'major'),
    ('conecta', 'Se nos cayó el servidor completo, no carga ningún sitio.', 'total-outage'),
]


KINDS = RECURRING + A_QUANTITY_OF_JUNK + HTTP_SERVER_ERRORS + WHAT_CUSTOMERS_USE + THE_CLIENT_LET_IT_LAPSE + SIGNATURE_HOW_TO + A_FEW_SPAM + ONE_FUNCTION_DEAD + EXPOSURE + VITAL_FUNCTION_FOR_EVERYONE + MUST_NOT_FIRE
KINDS += SCOPE_BY_CLAUSE + ENVIRONMENT_BY_CLAUSE + URGENCY_AGAINST_FACTS + HOLDOUT4_WORDINGS + MUST_NOT_FIRE_BY_CLAUSE


def answer(provider: str, text: str) -> str:
    result = classify(POLICIES.get(provider), Incident(text, Facts()))
    return result.severity.id if result.severity else "missing " + ", ".join(result.missing)


@pytest.mark.parametrize(("provider", "text", "expected"), KINDS,
                         ids=[f"{p}: {t[:70]!r} is {e}" for p, t, e in KINDS])
def test_each_kind_said_another_way(provider, text, expected):
    assert answer(provider, text) == expected


def test_customers_telling_of_a_slow_web_is_not_customer_facing_wording():
    # The table's customer-facing wording ("usan clientes") does not fire on "nuestros clientes nos dicen":
    # alone, it asks for the environment.
    alone = classify(POLICIES.get("ivcisa"), Incident("Nuestros clientes nos dicen que la web está lenta.", Facts()),
                     weighed=False)
    assert alone.severity is None and alone.missing == ("env",)


def test_an_environment_implied_by_who_cannot_buy_is_weighed_with_low_confidence():
    # Seed 001: "Sistema de producción inactivo – crítico": the online shop nobody can buy from is the live
    # system, though no word names the environment. The table alone asks; the weighed cues answer, with low
    # confidence, a note asking for --env, and what each value would give.
    text = "la tienda en línea no carga para nadie, hoy es Black Friday y no estamos vendiendo nada"
    alone = classify(POLICIES.get("ivcisa"), Incident(text, Facts()), weighed=False)
    assert alone.severity is None and alone.missing == ("env",)
    weighed = classify(POLICIES.get("ivcisa"), Incident(text, Facts()))
    assert (weighed.severity.id, weighed.confidence, weighed.table) == ("production-down", "low", None)
    assert "environment is not stated" in weighed.notes[0].text and len(weighed.candidates) == 2
